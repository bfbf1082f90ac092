/**
 * The binding to libxenlight 4.17 through java.lang.foreign. {@link org.virtxend.libxl.ffm.Libxl}
 * binds the exported entry points (loaded by exact soname, or from the path in the system property
 * {@code virtxend.libxl.library}, which tests point at a C double built from the real libxl.h);
 * {@link org.virtxend.libxl.ffm.NativeMemory} alone owns native memory;
 * {@link org.virtxend.libxl.ffm.LibxlLayouts} mirrors only the small structs that are read, and
 * LayoutTest checks them against gcc's view of the header; big config structs are filled by libxl
 * from JSON. {@link org.virtxend.libxl.ffm.LibxlContext} is the one context per daemon, with the
 * logger bridged to System.Logger and selective child reaping.
 */
package org.virtxend.libxl.ffm;
