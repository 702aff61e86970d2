package io.atelier.protocol.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One sentence saying what a method does on the wire. Javadoc is gone at run time, so the OpenRPC generator reads
 * this instead; the Javadoc may say more.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RpcDescription {
    String value();
}
