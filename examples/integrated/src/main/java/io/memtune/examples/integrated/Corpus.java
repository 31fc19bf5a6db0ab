package io.memtune.examples.integrated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.memtune.api.template.TemplateInfo;
import io.memtune.api.template.TemplateService;

/**
 * The pages of the sample corpus the load renders: every template of every tenant that has a sample context
 * ({@code samples/<template>.json}); pages without one (partials, layouts) are only included by others.
 */
record Corpus(List<Page> pages) {

    /** One page and the JSON context it renders with. */
    record Page(String tenant, String template, byte[] context) {
    }

    static Corpus of(TemplateService templates, Path samples) throws IOException {
        List<Page> pages = new ArrayList<>();
        for (String tenant : templates.tenants()) {
            for (TemplateInfo info : templates.templates(tenant)) {
                Path sample = samples.resolve(info.name() + ".json");
                if (Files.isRegularFile(sample)) {
                    pages.add(new Page(tenant, info.name(), Files.readAllBytes(sample)));
                }
            }
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no page of " + templates.tenants() + " has a sample context in " + samples);
        }
        return new Corpus(List.copyOf(pages));
    }
}
