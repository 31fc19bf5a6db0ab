package io.memtune.api.tuner;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a {@link TuningContext} into recommendations. Built-in rules and third-party ones (an OSGi service,
 * or found by {@code java.util.ServiceLoader} outside OSGi) are equal. A healthy system must get none: a
 * rule that always recommends something is wrong.
 */
@ConsumerType
public interface TuningRule {

    String name();

    List<Recommendation> evaluate(TuningContext context);
}
