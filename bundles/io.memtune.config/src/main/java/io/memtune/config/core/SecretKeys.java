package io.memtune.config.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which properties hold secrets, so that no listing, diff or log shows their values. A key is secret when
 * its name says so (password, secret, token, credential, private key, API key) or its metatype type is
 * PASSWORD; a value is also secret when it was read from a variable so named or holds a URL's password.
 */
public final class SecretKeys {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|private[._-]?key|api[._-]?key).*");

    private static final Pattern URL_CREDENTIALS = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s:]*:[^/@\\s]+@");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private SecretKeys() {
    }

    public static boolean isSecret(String key) {
        return key != null && SECRET_NAME.matcher(key).matches();
    }

    /** A message with every quoted text replaced by {@code "****"}: the values a converter quotes back. */
    public static String maskQuoted(String message) {
        return message == null ? null : QUOTED.matcher(message).replaceAll("\"****\"");
    }

    /** A URL carrying a password in its user info ({@code scheme://user:password@host}): the value itself is secret. */
    public static boolean hasCredentials(Object value) {
        return value instanceof String s && URL_CREDENTIALS.matcher(s).find();
    }

    /**
     * A value is secret by its key or metatype type, by the variables it was read from (a value from
     * {@code $[env:DB_PASSWORD]} under a key named {@code url.part}), or by a password inside it.
     */
    public static boolean isSecret(String key, AttributeSchema schema, List<String> variables, Object value) {
        return isSecret(key, schema) || variables.stream().anyMatch(SecretKeys::isSecret) || hasCredentials(value);
    }

    public static boolean isSecret(String key, AttributeSchema schema) {
        return isSecret(key) || schema != null && schema.type() == ValueType.PASSWORD;
    }
}
