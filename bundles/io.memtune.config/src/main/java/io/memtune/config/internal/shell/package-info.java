/**
 * Gogo commands of the config bundle ({@code memtune:env}, {@code memtune:config}, {@code memtune:config-diff},
 * {@code memtune:config-validate}): thin components that format what {@code EnvironmentService} returns.
 * Gogo matches a command to a method by name, and a Java method cannot be called {@code config-diff}, so a
 * hyphenated command is its own component whose {@code _main} method Gogo calls with the command's name
 * first.
 */
package io.memtune.config.internal.shell;
