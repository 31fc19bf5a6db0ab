package io.memtune.profiler.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.runtime.ObjectMethods;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;

/**
 * Lets go of the class loaders the JDK's own caches pin after their bundle was updated, as servlet containers do
 * for theirs (Tomcat's JreMemoryLeakPreventionListener).
 *
 * <p>The one known here: on JDK 17 a record's {@code equals}, {@code hashCode} and {@code toString} are made by
 * {@link ObjectMethods}, which adapts a few method handles held in its static fields to the record's types, and a
 * method handle keeps its last adaptation strongly (its {@code asType} cache; weak since JDK 20, JDK-8292914). So
 * the last record whose methods were made pins its class loader, whichever bundle it came from: found by
 * {@code HotSwapUnderLoadIT}, an old optimizer pinned through {@code ObjectMethods.OBJECT_EQ} by a map key record.
 * Having the JDK make them once more for one of its own records moves those caches onto JDK classes.
 */
public final class JdkLoaderPins {

    private JdkLoaderPins() {
    }

    /** Re-points the caches at JDK classes; harmless (and needless) on a JDK that holds them weakly. */
    public static void release() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            // a public record of the JDK's (jdk.net), loaded by the platform loader: an OSGi bundle imports no jdk.*
            Class<?> record = ClassLoader.getPlatformClassLoader().loadClass("jdk.net.UnixDomainPrincipal");
            MethodHandle user = MethodHandles.publicLookup().findVirtual(record, "user", MethodType.methodType(UserPrincipal.class));
            MethodHandle group = MethodHandles.publicLookup().findVirtual(record, "group",
                    MethodType.methodType(GroupPrincipal.class));
            ObjectMethods.bootstrap(lookup, "equals", MethodType.methodType(boolean.class, record, Object.class), record,
                    "user;group", user, group);
            ObjectMethods.bootstrap(lookup, "hashCode", MethodType.methodType(int.class, record), record, "user;group", user,
                    group);
            ObjectMethods.bootstrap(lookup, "toString", MethodType.methodType(String.class, record), record, "user;group", user,
                    group);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // a JDK without them (bootstrap declares Throwable): nothing of this kind to release
        }
    }
}
