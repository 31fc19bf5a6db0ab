package io.memtune.profiler.core;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;

import org.junit.jupiter.api.Test;

class JdkLoaderPinsTest {

    /** Defines {@link PinnedKey} itself (not its parent's): the class and its loader go together. */
    private static final class BundleLikeLoader extends ClassLoader {
        BundleLikeLoader() {
            super(JdkLoaderPinsTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(PinnedKey.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = JdkLoaderPinsTest.class.getResourceAsStream("PinnedKey.class")) {
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void aRetiredLoaderWhoseRecordWasComparedLastIsCollectable() throws Exception {
        WeakReference<ClassLoader> retired = compareTwoKeysInALoaderOfTheirOwn();

        JdkLoaderPins.release();

        for (int i = 0; i < 20 && retired.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(retired.get(), "the loader of the last record compared is still reachable");
    }

    private static WeakReference<ClassLoader> compareTwoKeysInALoaderOfTheirOwn() throws Exception {
        ClassLoader loader = new BundleLikeLoader();
        Class<?> key = loader.loadClass(PinnedKey.class.getName());
        Constructor<?> make = key.getConstructor(String.class, String.class);
        Object a = make.newInstance("acme", "page");
        Object b = make.newInstance("acme", "page");
        // equals, hashCode and toString made by ObjectMethods for this class: on JDK 17 they pin it
        if (!a.equals(b) || a.hashCode() != b.hashCode() || a.toString().isEmpty()) {
            throw new AssertionError("the record's own methods");
        }
        return new WeakReference<>(loader);
    }
}
