package io.atelier.protocol.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface listing notifications the bridge pushes in a namespace: method {@code verb} taking one params
 * record is the notification {@code namespace.verb} (a JSON-RPC request without id; nothing answers it).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcNotifications {
    String value();
}
