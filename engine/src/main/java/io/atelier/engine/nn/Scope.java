package io.atelier.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs one block of a forward so that its intermediate arrays are freed when it returns: the input is attached to a
 * sub-manager for the duration (DJL puts an operation's result on its first operand's manager, so everything derived
 * from the input lands there) and only the result is handed back to the caller's manager. Without this a 512 px UNet
 * forward would keep every activation of every block until the step ends. Blocks must put the activation first in
 * each operation ({@code x.matMul(w)}, never {@code w.add(x)}), else a result lands on the weights' manager.
 */
public final class Scope {
    private Scope() {
    }

    public static NDArray run(NDArray input, UnaryOperator<NDArray> block) {
        NDManager parent = input.getManager();
        try (NDManager scope = parent.newSubManager()) {
            input.tempAttach(scope);
            NDArray output = block.apply(input);
            output.attach(parent);
            return output;
        }
    }
}
