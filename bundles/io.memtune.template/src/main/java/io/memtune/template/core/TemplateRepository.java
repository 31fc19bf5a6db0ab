package io.memtune.template.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Interner;

import io.memtune.api.template.TemplateException;
import io.memtune.api.template.TemplateException.Kind;

/**
 * Templates on disk: {@code <root>/<tenant>/<name>.mustache}, with {@code <root>/_shared/} as the fallback
 * for every name a tenant does not have. Names may contain {@code /} (sub-directories) and always resolve
 * from the tenant's root, whichever template names them.
 */
public final class TemplateRepository {

    public static final String SHARED = "_shared";
    public static final String SUFFIX = ".mustache";

    /** The longest tenant name. */
    static final int MAX_TENANT = 128;
    /** The longest template name. */
    static final int MAX_NAME = 512;

    private final Path root;
    private final long maxTemplateBytes;
    private final Interner<String> names = Interner.newWeakInterner();

    /**
     * @param root the repository root
     * @param maxTemplateBytes the largest template file accepted (a bigger one is a compile error)
     */
    public TemplateRepository(Path root, long maxTemplateBytes) {
        this.root = root.toAbsolutePath().normalize();
        this.maxTemplateBytes = maxTemplateBytes;
    }

    public Path root() {
        return root;
    }

    /** The tenants: every directory under the root but {@code _shared}, sorted. */
    public List<String> tenants() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(TemplateRepository::isTenantName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list tenants in " + root, e);
        }
    }

    public boolean hasTenant(String tenant) {
        return isTenantName(tenant) && Files.isDirectory(root.resolve(tenant));
    }

    /**
     * {@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most {@value #MAX_TENANT} characters, not {@code _shared}. Checked by
     * hand, not by a regular expression: every render checks its address, and the expression was a sixth of a
     * render's CPU.
     */
    public static boolean isTenantName(String tenant) {
        if (tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT || !isLetterOrDigit(tenant.charAt(0))) {
            return false;
        }
        for (int i = 1; i < tenant.length(); i++) {
            if (!isNameChar(tenant.charAt(i))) {
                return false;
            }
        }
        return !SHARED.equals(tenant);
    }

    /**
     * Segments {@code [A-Za-z0-9_][A-Za-z0-9._-]*} joined by {@code /}, at most {@value #MAX_NAME} characters: no
     * empty segment, none starting with a dot (so no {@code ..}), no absolute name. Checked by hand, as tenants.
     */
    public static boolean isTemplateName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (segmentStart) {
                if (!isLetterOrDigit(c) && c != '_') {
                    return false;
                }
                segmentStart = false;
            } else if (c == '/') {
                segmentStart = true;
            } else if (!isNameChar(c)) {
                return false;
            }
        }
        return !segmentStart;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return isLetterOrDigit(c) || c == '.' || c == '_' || c == '-';
    }

    /** The file a name resolves to for a tenant (the tenant's own, else the shared one), without reading it. */
    public Optional<Path> resolve(String tenant, String name) {
        if (!isTemplateName(name)) {
            return Optional.empty();
        }
        for (String directory : List.of(tenant, SHARED)) {
            Path file = root.resolve(directory).resolve(name + SUFFIX);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * Where a name was looked for, for messages: relative to the repository root, which a client may be
     * told without learning the server's directory layout.
     */
    public String lookedIn(String tenant, String name) {
        return tenant + "/" + name + SUFFIX + " and " + SHARED + "/" + name + SUFFIX;
    }

    /** A file as messages name it: relative to the root. */
    String display(Path file) {
        return file.startsWith(root) ? root.relativize(file).toString().replace('\\', '/') : file.getFileName().toString();
    }

    /**
     * Reads a template.
     *
     * @return empty when neither the tenant nor {@code _shared} has it
     * @throws TemplateException COMPILE_ERROR for a file too large or not UTF-8
     */
    public Optional<TemplateFile> read(String tenant, String name) {
        Optional<Path> file = resolve(tenant, name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path path = file.get();
        String source = path.startsWith(root.resolve(tenant)) ? tenant : SHARED;
        try {
            long size = Files.size(path);
            if (size > maxTemplateBytes) {
                throw new TemplateException(Kind.COMPILE_ERROR, tenant, name, display(path) + " is " + size
                        + " bytes, more than the " + maxTemplateBytes + " allowed (templates.max.bytes)");
            }
            byte[] bytes = Files.readAllBytes(path);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(new TemplateFile(tenant, name, source, path, text));
        } catch (CharacterCodingException e) {
            throw new TemplateException(Kind.COMPILE_ERROR, tenant, name, display(path) + " is not valid UTF-8 text");
        } catch (NoSuchFileException e) {
            return Optional.empty(); // deleted between the look-up and the read
        } catch (IOException e) {
            throw new TemplateException(Kind.COMPILE_ERROR, tenant, name, 0, 0, "cannot read " + display(path) + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The names a tenant can render: its own and the shared ones, sorted. */
    public List<String> names(String tenant) {
        TreeSet<String> names = new TreeSet<>();
        for (String directory : List.of(tenant, SHARED)) {
            Path dir = root.resolve(directory);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
                        .map(f -> dir.relativize(f).toString().replace('\\', '/'))
                        .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                        .filter(TemplateRepository::isTemplateName)
                        .forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list templates in " + dir, e);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The directories under the root (tenants, {@code _shared}, and any other: a change in one is reported as it is),
     * each name once as a string of its own; empty when the root is missing.
     */
    public List<String> directories() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // the root went meanwhile: the next scan tells
        }
    }

    /**
     * Size and modification time of every template file under {@code <root>/<directory>}, by name relative to it
     * (interned); empty when the directory is gone.
     */
    DirectoryFiles scanDirectory(String directory) {
        Path dir = root.resolve(directory);
        if (!Files.isDirectory(dir)) {
            return DirectoryFiles.EMPTY;
        }
        DirectoryFiles.Builder files = new DirectoryFiles.Builder();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(f -> {
                String relative = dir.relativize(f).toString().replace('\\', '/');
                if (!relative.endsWith(SUFFIX)) {
                    return;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        files.add(intern(relative.substring(0, relative.length() - SUFFIX.length())), a.size(),
                                a.lastModifiedTime().toMillis());
                    }
                } catch (IOException gone) {
                    // deleted meanwhile: the next scan tells
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a directory deleted while walking: the next scan tells
        }
        return files.build();
    }

    /**
     * The one string for a template name (weakly held): the page index, the watcher and every closure's set of names
     * share it, so ten thousand tenants' {@code page.html} is one string, not ten thousand.
     */
    public String intern(String name) {
        return names.intern(name);
    }

    /** What a change to a file means: which directory (a tenant or {@code _shared}) and which name. */
    public Optional<TemplateChange> changeOf(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        if (relative.getNameCount() < 2) {
            return Optional.empty();
        }
        String directory = relative.getName(0).toString();
        String name = relative.subpath(1, relative.getNameCount()).toString().replace('\\', '/');
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(new TemplateChange(directory, name.substring(0, name.length() - SUFFIX.length())));
    }

    /**
     * A template file as read.
     *
     * @param tenant the tenant it was read for
     * @param name its name
     * @param source {@code _shared} when it came from there, else the tenant
     * @param path the file
     * @param text its content
     */
    public record TemplateFile(String tenant, String name, String source, Path path, String text) {
    }

    /** @param size bytes @param modified milliseconds since the epoch */
    public record FileState(long size, long modified) {
    }

    /**
     * @param directory a tenant or {@code _shared}
     * @param name the template's name
     */
    public record TemplateChange(String directory, String name) {

        /** Whether templates of {@code tenant} may see this file. */
        public boolean concerns(String tenant) {
            return SHARED.equals(directory) || directory.equals(tenant);
        }
    }
}
