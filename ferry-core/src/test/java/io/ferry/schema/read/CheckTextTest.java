package io.ferry.schema.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CheckTextTest {
    @Test
    void elementCastsBecomeOneArrayCast() {
        assertEquals("CHECK (((state)::text = ANY ((ARRAY['open'::character varying, 'it''s'::character varying])::text[])))",
                CheckText.canonical("CHECK (((state)::text = ANY (ARRAY[('open'::character varying)::text,"
                        + " ('it''s'::character varying)::text])))"));
    }

    @Test
    void otherTextIsLeftAlone() {
        String mixed = "CHECK ((a = ANY (ARRAY[('x'::character varying)::text, ('y'::bpchar)::text])))";
        assertEquals(mixed, CheckText.canonical(mixed));
        String stored = "CHECK (((kind)::text = ANY ((ARRAY['bug'::character varying])::text[])))";
        assertEquals(stored, CheckText.canonical(stored));
    }
}
