/** The dashboard's servlet and its JSON views. Private. */
package io.memtune.dashboard.internal;
