package dev.basin.report.plot;

/** The plot area inside a figure, in pixels: where data is drawn, leaving margins for ticks, labels and legend. */
record Area(double width, double height, double left, double top, double right, double bottom) {

    double plotWidth() { return width - left - right; }

    double plotHeight() { return height - top - bottom; }

    double x1() { return width - right; }

    double y1() { return height - bottom; }

    double cx() { return left + plotWidth() / 2; }

    double cy() { return top + plotHeight() / 2; }
}
