package io.atelier.bridge.cli;

import io.atelier.brands.BrandScope;
import io.atelier.brands.BrandStore;
import io.atelier.brands.InvalidInputException;
import io.atelier.brands.NotFoundException;
import io.atelier.bridge.security.IssuedToken;
import io.atelier.bridge.security.TokenStore;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atelier token create --brand ID}: a token that sees only the given brands, which must exist. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage tokens.",
        subcommands = {TokenCommand.Create.class})
final class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token scoped to brands; prints it once, as the last line. Only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Option(names = "--brand", required = true, paramLabel = "ID", description = "A brand the token may use (repeatable).")
        List<String> brands;

        @Mixin
        HomeOption home;

        @Override
        public Integer call() throws Exception {
            // A token names brands that exist now: one named in advance would silently gain a brand created later.
            try (BrandStore brandStore = BrandStore.open(home.resolve())) {
                for (String brand : brands) {
                    try {
                        brandStore.brands().get(BrandScope.admin(), brand);
                    } catch (NotFoundException | InvalidInputException e) {
                        System.err.println("No brand " + brand + " here: create it first (brands.create), then the token.");
                        return 2;
                    }
                }
            }
            TokenStore store = TokenStore.open(home.resolve());
            IssuedToken token;
            try {
                token = store.createScoped(brands);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            System.out.println("Created token " + token.tokenId() + " for brand(s) " + String.join(", ", token.brands())
                    + "; a running bridge accepts it now. It is shown once:");
            System.out.println(token.secret());
            return 0;
        }
    }
}
