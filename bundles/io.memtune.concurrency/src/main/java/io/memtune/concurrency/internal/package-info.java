/** The concurrency bundle's DS components. Private. */
package io.memtune.concurrency.internal;
