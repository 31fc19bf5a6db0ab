package io.memtune.template.core;

/** A tenant's template. */
public record TemplateKey(String tenant, String name) {

    @Override
    public String toString() {
        return tenant + "/" + name;
    }
}
