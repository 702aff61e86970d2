package io.atelier.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ImageProvenanceTest {
    @Test
    void reads_the_record_id_from_the_xmp_and_nothing_from_a_foreign_image() {
        String xmp = "\u0089PNG....iTXtXML:com.adobe.xmp....<rdf:Description rdf:about=\"\"\n"
                + "    atelier:recordId=\"hist-6af67bd4c602bfb2\"\n    atelier:model=\"atelier-micro\"/>";
        assertEquals("hist-6af67bd4c602bfb2", ImageProvenance.recordId(xmp.getBytes(StandardCharsets.ISO_8859_1)));
        assertNull(ImageProvenance.recordId("\u0089PNG plain".getBytes(StandardCharsets.ISO_8859_1)));
        // an id with characters outside the protocol's alphabet is not taken
        assertNull(ImageProvenance.recordId("atelier:recordId=\"../etc\"".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
