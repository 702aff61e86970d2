package io.atelier.taxonomy;

/** The slots of a canonical prompt, in canonical order: {@code <colour> <pattern> <category> <details…> <material?>}. */
public enum AttributeKind {
    COLOUR, PATTERN, CATEGORY, DETAIL, MATERIAL
}
