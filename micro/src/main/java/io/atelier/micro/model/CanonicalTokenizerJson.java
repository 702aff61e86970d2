package io.atelier.micro.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atelier.taxonomy.Taxonomy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes atelier-micro's tokenizer.json: a HuggingFace tokenizers file with a WordLevel model over the canonical
 * vocabulary ({@link Taxonomy#canonicalVocabulary()}), a Lowercase normalizer, a Whitespace pre-tokenizer,
 * [PAD]=0, [UNK]=1 and no post-processor. The committed copy lives at
 * {@code micro/src/main/resources/io/atelier/micro/tokenizer.json}; regenerate it with
 * {@code java ... io.atelier.micro.model.CanonicalTokenizerJson <output-file>} after a vocabulary change.
 */
public final class CanonicalTokenizerJson {

    public static final String RESOURCE = "/io/atelier/micro/tokenizer.json";

    private CanonicalTokenizerJson() {
    }

    /** The tokenizer.json text for the given vocabulary (ids in list order), pretty-printed with a final newline. */
    public static String render(List<String> vocabulary) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of(Taxonomy.PAD, Taxonomy.UNK)) {
            ObjectNode token = added.addObject();
            token.put("id", vocabulary.indexOf(special));
            token.put("content", special);
            token.put("single_word", false);
            token.put("lstrip", false);
            token.put("rstrip", false);
            // Not normalized: the Lowercase normalizer must not turn "[PAD]" into an unknown "[pad]".
            token.put("normalized", false);
            token.put("special", true);
        }
        root.putObject("normalizer").put("type", "Lowercase");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.putNull("post_processor");
        root.putNull("decoder");
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < vocabulary.size(); id++) {
            vocab.put(vocabulary.get(id), id);
        }
        model.put("unk_token", Taxonomy.UNK);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot render tokenizer.json", e);
        }
    }

    /** The tokenizer.json for the shipped taxonomy. */
    public static String renderStandard() {
        return render(Taxonomy.standard().canonicalVocabulary());
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CanonicalTokenizerJson <output tokenizer.json>");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.writeString(out, renderStandard(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " (" + Taxonomy.standard().canonicalVocabulary().size() + " tokens)");
    }
}
