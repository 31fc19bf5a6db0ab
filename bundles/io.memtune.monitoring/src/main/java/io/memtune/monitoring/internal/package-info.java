/** The monitoring bundle's DS components. Private. */
package io.memtune.monitoring.internal;
