package org.emospark.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void oddCountTakesTheMiddleValueWhateverTheOrder() {
        Spread s = Spread.of(List.of(25.6, 24.8, 24.7));
        assertEquals(24.7, s.min());
        assertEquals(24.8, s.median());
        assertEquals(25.6, s.max());
        assertEquals(3, s.count());
        assertEquals("24.7 / 24.8 / 25.6", s.format("%.1f"));
    }

    @Test
    void evenCountTakesTheMeanOfTheMiddleTwo() {
        Spread s = Spread.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(1.0, s.min());
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(4.0, s.max());
    }

    @Test
    void oneValueIsItsOwnSpread() {
        Spread s = Spread.of(List.of(7.0));
        assertEquals(new Spread(7.0, 7.0, 7.0, 1), s);
    }

    @Test
    void refusesNothingAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Spread.of(List.of(1.0, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new Spread(2, 1, 3, 3));
    }
}
