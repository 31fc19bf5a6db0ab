/** The tuner's DS components. Private. */
package io.memtune.tuner.internal;
