package io.atelier.bridge.brands;

import io.atelier.brands.AdminOnlyException;
import io.atelier.brands.BrandScope;
import io.atelier.brands.InvalidImageException;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.bridge.rpc.AtelierException;
import io.atelier.bridge.rpc.Caller;
import io.atelier.protocol.ErrorCodes;

import java.util.function.Supplier;

/**
 * The seam between the RPC services and the brands module (whose reads take the caller's {@link BrandScope}, see
 * {@link Caller#brandScope()}): the module's typed errors as protocol errors with stable codes and no internals.
 */
final class BrandCalls {

    private BrandCalls() {
    }

    /** Runs {@code call}, turning the brands module's errors into protocol errors. */
    static <T> T run(Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new AtelierException(ErrorCodes.NOT_FOUND, capitalised(e.getMessage()) + ".", e.field());
        } catch (InvalidImageException e) {
            throw new AtelierException(e.tooLarge() ? ErrorCodes.TOO_LARGE : ErrorCodes.INVALID_IMAGE,
                    capitalised(e.reason()) + ".", e.field());
        } catch (InvalidInputException e) {
            throw AtelierException.invalidParams(e.field(), capitalised(e.reason()) + ".");
        } catch (AdminOnlyException e) {
            throw AtelierException.forbidden(capitalised(e.getMessage()) + ".");
        }
    }

    static AtelierException missing(String field) {
        return AtelierException.invalidParams(field, "Give " + field + ".");
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
