package org.emospark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        String script = "SELECT 'a;b' AS x;\n-- a comment; with a semicolon\nSELECT `c;d` FROM t ;  \n\n";
        assertEquals(List.of("SELECT 'a;b' AS x", "SELECT `c;d` FROM t"), SqlScript.split(script));
    }

    @Test
    void escapedQuoteDoesNotEndTheString() {
        assertEquals(List.of("SELECT 'it\\'s;' AS x", "SELECT 1"), SqlScript.split("SELECT 'it\\'s;' AS x; SELECT 1"));
    }
}
