package io.atelier.micro.flats;

/** Draws one garment category as a front-view technical flat, in the 128-unit design space, centred on x = 64. */
interface GarmentDrawer {
    void draw(FlatCanvas canvas);
}
