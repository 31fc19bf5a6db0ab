package io.memtune.config.core;

import java.util.regex.Pattern;

/**
 * Which properties hold secrets, so that no listing, diff or log shows their values. A key is secret when
 * its name says so (password, secret, token, credential, private key, API key) or its metatype type is
 * PASSWORD.
 */
public final class SecretKeys {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|private[._-]?key|api[._-]?key).*");

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

    public static boolean isSecret(String key, AttributeSchema schema) {
        return isSecret(key) || schema != null && schema.type() == ValueType.PASSWORD;
    }
}
