/** Alerting without OSGi: rules, the state machine, metric values, silences, persistence. Private. */
package io.memtune.alerting.core;
