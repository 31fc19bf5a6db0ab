/** The managed executor without OSGi: scheduling, limit, shedding, admission, statistics. Private. */
package io.memtune.concurrency.core;
