package io.atelier.protocol.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The Atelier error codes (see {@code ErrorCodes}) a method may answer, beyond the standard JSON-RPC ones. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcErrors {
    int[] value();
}
