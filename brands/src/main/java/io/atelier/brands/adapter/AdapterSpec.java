package io.atelier.brands.adapter;

/**
 * What an adapter is trained from and with: everything needed to train it again identically.
 *
 * @param baseModel       id of the model it adapts
 * @param baseModelSha256 hash of that model's UNet
 * @param datasetSha256   hash of the brand's dataset when training started
 * @param datasetItems    number of items in it
 * @param steps           optimiser steps to run
 * @param rank            LoRA rank
 * @param learningRate    optimiser learning rate
 * @param seed            seed for initialisation and sampling
 */
public record AdapterSpec(String baseModel, String baseModelSha256, String datasetSha256, int datasetItems,
                          int steps, int rank, double learningRate, long seed) {
}
