/** The optimizer's DS components and shell commands. */
package io.memtune.optimizer.internal;
