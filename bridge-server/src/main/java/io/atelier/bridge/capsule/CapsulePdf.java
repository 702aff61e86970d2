package io.atelier.bridge.capsule;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The capsule as a PDF a pattern-maker can print: one A4 landscape page per look, the house's name on top, each piece's
 * flat large on the left and its spec sheet beside it.
 */
final class CapsulePdf {
    private static final float MARGIN = 36;
    private static final float HEADER = 64;

    /** One piece on a page: its flat and the spec lines printed beside it (the first one in bold). */
    record Piece(BufferedImage flat, List<String> lines) {
    }

    private CapsulePdf() {
    }

    static byte[] write(String house, String subtitle, List<List<Piece>> looks, String lookLabel) {
        PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDRectangle size = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
            for (int look = 0; look < looks.size(); look++) {
                PDPage page = new PDPage(size);
                document.addPage(page);
                List<Piece> pieces = looks.get(look);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    float top = size.getHeight() - MARGIN;
                    text(content, bold, 20, MARGIN, top - 18, house);
                    text(content, regular, 12, MARGIN, top - 38, lookLabel + " " + (look + 1) + " / " + looks.size()
                            + (subtitle == null ? "" : "  -  " + subtitle));
                    // Step 1: rows of equal height, the flat as large as its row allows.
                    float rowHeight = (size.getHeight() - 2 * MARGIN - HEADER) / pieces.size();
                    float flatSize = Math.min(rowHeight - 8, 220);
                    for (int i = 0; i < pieces.size(); i++) {
                        float y = top - HEADER - (i + 1) * rowHeight;
                        PDImageXObject flat = LosslessFactory.createFromImage(document, pieces.get(i).flat());
                        content.drawImage(flat, MARGIN, y + (rowHeight - flatSize) / 2, flatSize, flatSize);
                        // Step 2: the spec beside it, line by line from the row's top.
                        float x = MARGIN + flatSize + 24;
                        float lineY = y + rowHeight - 16;
                        float fontSize = Math.min(11, Math.max(7, rowHeight / 16));
                        List<String> lines = pieces.get(i).lines();
                        for (int l = 0; l < lines.size() && lineY > y + 2; l++) {
                            text(content, l == 0 ? bold : regular, l == 0 ? fontSize + 1 : fontSize, x, lineY,
                                    lines.get(l));
                            lineY -= fontSize + 3;
                        }
                    }
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the capsule PDF", e);
        }
    }

    private static void text(PDPageContentStream content, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(winAnsi(s));
        content.endText();
    }

    /**
     * The standard PDF fonts encode WinAnsi only (Latin-1 and a few more): French accents pass, anything else (a
     * Greek Δ, a CJK house name) becomes '?' rather than failing the whole document.
     */
    static String winAnsi(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.replace("Δ", "d").toCharArray()) {
            out.append(c < 256 && (c >= 32 || c == '\t') ? c : '?');
        }
        return out.toString();
    }
}
