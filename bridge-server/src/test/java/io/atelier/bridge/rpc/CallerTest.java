package io.atelier.bridge.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atelier.bridge.security.TokenScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one conversion from a token's grant to the scope every brand store filters by. */
class CallerTest {
    @Test
    void the_admin_token_sees_every_brand() {
        assertTrue(new Caller("tok_admin", TokenScope.ALL, null).brandScope().isAdmin());
    }

    @Test
    void a_scoped_token_sees_its_brands_and_the_brand_less_records_it_made_itself() {
        var scope = new Caller("tok_alice", TokenScope.only(Set.of("maison", "atelier-b")), null).brandScope();
        assertEquals(Set.of("maison", "atelier-b"), scope.brands());
        List<Object> args = new ArrayList<>();
        assertEquals("(brand IN (?,?) OR (brand IS NULL AND owner = ?))",
                scope.sqlConditionOwned("brand", "owner", args));
        assertEquals(List.of("atelier-b", "maison", "tok_alice"), args);
    }
}
