package io.atelier.protocol.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a service interface and names its namespace: method {@code verb} of a service in namespace {@code jobs}
 * is called {@code jobs.verb} on the wire. Every method takes one params record and returns one result record.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcService {
    String value();
}
