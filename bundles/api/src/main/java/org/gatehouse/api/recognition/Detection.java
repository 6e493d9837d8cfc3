package org.gatehouse.api.recognition;

/**
 * A face found in a frame.
 *
 * @param x         left of the box in pixels
 * @param y         top
 * @param width     width
 * @param height    height
 * @param score     detector confidence, 0..1
 * @param landmarks key points as x0,y0,x1,y1,...; five points (eyes, nose, mouth corners) at least when known
 */
public record Detection(float x, float y, float width, float height, float score, float[] landmarks) {
}
