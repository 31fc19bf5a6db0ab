/** The alerting bundle's DS components. Private. */
package io.memtune.alerting.internal;
