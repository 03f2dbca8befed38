package dev.basin.report.plot;

/** Point marker shapes; shape as well as colour tells series apart, for readers who do not see colour. */
public enum Marker { NONE, CIRCLE, SQUARE, TRIANGLE, DIAMOND, CROSS }
