package io.atelier.taxonomy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The atelier-micro fashion taxonomy, loaded from the versioned data file {@code /io/atelier/taxonomy/taxonomy.json}:
 * garment categories, colours, patterns, construction details and materials, each a canonical token of the model's
 * vocabulary with its French and English wording. Immutable; {@link #standard()} is shared.
 */
public final class Taxonomy {

    public static final String RESOURCE = "/io/atelier/taxonomy/taxonomy.json";
    /** Brand codes learnt later (issue 5) are reserved in the vocabulary: brand_0 … brand_31. */
    public static final int BRAND_TOKENS = 32;
    public static final String PAD = "[PAD]";
    public static final String UNK = "[UNK]";

    private static volatile Taxonomy standard;

    private final Data data;
    private final Map<String, TaxonomyEntry> byToken = new LinkedHashMap<>();
    private final Map<String, AttributeKind> kindByToken = new LinkedHashMap<>();

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Data(int version, List<String> canonicalOrder, Map<String, List<String>> stopWords,
                        Map<String, Map<String, String>> stopWordGlosses, List<TaxonomyEntry> categories, List<TaxonomyEntry> colours, List<TaxonomyEntry> patterns,
                        List<TaxonomyEntry> details, List<TaxonomyEntry> materials, List<Compound> compounds) {
    }

    private Taxonomy(Data data) {
        this.data = data;
        register(data.categories(), AttributeKind.CATEGORY);
        register(data.colours(), AttributeKind.COLOUR);
        register(data.patterns(), AttributeKind.PATTERN);
        register(data.details(), AttributeKind.DETAIL);
        register(data.materials(), AttributeKind.MATERIAL);
        for (TaxonomyEntry category : data.categories()) {
            for (String token : category.details()) {
                requireKind(token, AttributeKind.DETAIL, category.token());
            }
            for (String token : category.materials()) {
                requireKind(token, AttributeKind.MATERIAL, category.token());
            }
        }
        for (Compound compound : data.compounds()) {
            compound.tokens().forEach(token -> requireKind(token, kindByToken.get(token), compound.term()));
        }
    }

    private void register(List<TaxonomyEntry> entries, AttributeKind kind) {
        for (TaxonomyEntry entry : entries) {
            if (byToken.putIfAbsent(entry.token(), entry) != null) {
                throw new IllegalStateException("taxonomy token declared twice: " + entry.token());
            }
            kindByToken.put(entry.token(), kind);
        }
    }

    private void requireKind(String token, AttributeKind expected, String usedBy) {
        if (expected == null || kindByToken.get(token) != expected) {
            throw new IllegalStateException("taxonomy entry " + usedBy + " refers to unknown token " + token);
        }
    }

    /** The taxonomy shipped in the micro jar. */
    public static Taxonomy standard() {
        Taxonomy local = standard;
        if (local == null) {
            try (InputStream in = Taxonomy.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("taxonomy resource missing: " + RESOURCE);
                }
                local = read(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            standard = local;
        }
        return local;
    }

    /** Reads a taxonomy file (same format as the shipped one). */
    public static Taxonomy read(InputStream json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        return new Taxonomy(mapper.readValue(json, Data.class));
    }

    public int version() {
        return data.version();
    }

    public List<TaxonomyEntry> categories() {
        return data.categories();
    }

    public List<TaxonomyEntry> colours() {
        return data.colours();
    }

    public List<TaxonomyEntry> patterns() {
        return data.patterns();
    }

    public List<TaxonomyEntry> details() {
        return data.details();
    }

    public List<TaxonomyEntry> materials() {
        return data.materials();
    }

    public List<Compound> compounds() {
        return data.compounds();
    }

    public List<TaxonomyEntry> entries(AttributeKind kind) {
        return switch (kind) {
            case CATEGORY -> categories();
            case COLOUR -> colours();
            case PATTERN -> patterns();
            case DETAIL -> details();
            case MATERIAL -> materials();
        };
    }

    public List<String> tokens(AttributeKind kind) {
        return entries(kind).stream().map(TaxonomyEntry::token).toList();
    }

    public List<String> stopWords(Language language) {
        return data.stopWords().getOrDefault(language.code(), List.of());
    }

    /**
     * How the glossary says each stop word of {@code language} in English, keyed by the word in lower case with its
     * accents; an empty gloss drops the word. Empty for English.
     */
    public Map<String, String> stopWordGlosses(Language language) {
        Map<String, Map<String, String>> glosses = data.stopWordGlosses() == null ? Map.of() : data.stopWordGlosses();
        return glosses.getOrDefault(language.code(), Map.of());
    }

    public Optional<TaxonomyEntry> entry(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    public TaxonomyEntry require(String token) {
        TaxonomyEntry entry = byToken.get(token);
        if (entry == null) {
            throw new IllegalArgumentException("not a taxonomy token: " + token);
        }
        return entry;
    }

    public Optional<AttributeKind> kindOf(String token) {
        return Optional.ofNullable(kindByToken.get(token));
    }

    /** Details that a designer would find on this category (a bag has no sleeves); order is the canonical order. */
    public List<String> applicableDetails(String category) {
        List<String> applicable = require(category).details();
        return tokens(AttributeKind.DETAIL).stream().filter(applicable::contains).toList();
    }

    public List<String> applicableMaterials(String category) {
        return require(category).materials();
    }

    /**
     * The model's vocabulary, ids in list order: [PAD]=0, [UNK]=1, then categories, colours, patterns, details,
     * materials (taxonomy file order) and the reserved brand_0 … brand_31.
     */
    public List<String> canonicalVocabulary() {
        List<String> vocabulary = new ArrayList<>(List.of(PAD, UNK));
        for (AttributeKind kind : List.of(AttributeKind.CATEGORY, AttributeKind.COLOUR, AttributeKind.PATTERN,
                AttributeKind.DETAIL, AttributeKind.MATERIAL)) {
            vocabulary.addAll(tokens(kind));
        }
        for (int i = 0; i < BRAND_TOKENS; i++) {
            vocabulary.add("brand_" + i);
        }
        return Collections.unmodifiableList(vocabulary);
    }
}
