package org.gatehouse.api.recognition;

/**
 * Identity of an engine and its model.
 *
 * @param engineId   engine id
 * @param version    engine version
 * @param modelId    model identity (name and hash); embeddings of different model ids are never compared
 * @param vectorSize embedding length
 */
public record EngineInfo(String engineId, String version, String modelId, int vectorSize) {
}
