package io.atelier.protocol.service;

import io.atelier.protocol.Empty;
import io.atelier.protocol.LorasListResult;

/** {@code loras.*}: the kohya LoRAs a request can apply. */
@RpcService("loras")
public interface LorasService {
    /**
     * Lists the LoRA files in {@code <home>/loras/}, read afresh at each call (a file dropped in is listed at once),
     * each with its problem when it cannot be applied. {@code images.generate} applies them by name through its
     * {@code loras} list or the prompt's {@code <lora:name:weight>} tags.
     */
    @RpcDescription("Lists the kohya LoRAs in <home>/loras (read afresh each call), each with a sentence when it cannot"
            + " be applied; images.generate applies them by name (loras, or <lora:name:weight> in the prompt).")
    LorasListResult list(Empty params);
}
