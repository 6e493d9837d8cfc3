package org.gatehouse.api.recognition;

/**
 * A face template vector, L2-normalised, tagged with the model that made it.
 *
 * @param modelId model identity
 * @param vector  the vector
 */
public record Embedding(String modelId, float[] vector) {
    /**
     * @return cosine similarity with another embedding of the same model
     * @throws IllegalArgumentException if the models or sizes differ
     */
    public float cosine(Embedding other) {
        if (!modelId.equals(other.modelId) || vector.length != other.vector.length) {
            throw new IllegalArgumentException("embeddings of different models cannot be compared: " + modelId
                    + " vs " + other.modelId);
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
            na += vector[i] * vector[i];
            nb += other.vector[i] * other.vector[i];
        }
        return (float) (dot / (Math.sqrt(na) * Math.sqrt(nb) + 1e-12));
    }
}
