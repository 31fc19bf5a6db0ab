/** The template bundle's DS components: the service, its HTTP endpoints and shell commands. Private. */
package io.memtune.template.internal;
