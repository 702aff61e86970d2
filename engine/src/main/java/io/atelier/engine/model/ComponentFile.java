package io.atelier.engine.model;

/** One file of a package: its name inside the package folder and its lowercase hex sha256. */
public record ComponentFile(String file, String sha256) {
}
