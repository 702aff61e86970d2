package io.atelier.bridge.adapters;

import java.util.function.Supplier;

/** A value made on first use (models and engines are costly to load and often not needed). */
public final class Suppliers {
    private Suppliers() {
    }

    public static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
