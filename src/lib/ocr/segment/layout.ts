import type { FieldKind } from '../postprocess/fields';
import type { PageAspect } from '../preprocess/index';

/** [x0, y0, x1, y1]. */
export type Box = [number, number, number, number];

/**
 * What segmentation needs from a register layout. The JSON templates in ../templates are adapted
 * to this shape (see template-adapter.ts) so this module does not depend on their file format.
 */
export interface LayoutSpec {
	/** 'table': one entry per ruled row band under the header; 'form': one entry per page. */
	layout: 'table' | 'form';
	/** Table: how many row bands (between horizontal rules) form the header. Default 1. */
	headerRows?: number;
	/** Table: how many row bands make one entry (some books give an entry two ruled rows). Default 1. */
	rowsPerEntry?: number;
	/** The printed page's shape, when known: it tells an upright page from one on its side. */
	pageAspect?: PageAspect;
	/**
	 * Table: the grid the book prints, when known (built-in templates). A page whose ruling does
	 * not fit it was segmented wrong, and its zones cannot be trusted (grid-check.ts).
	 */
	grid?: TableGrid;
	/** Field boxes as fractions [0,1] of the entry box. */
	fields: { key: string; kind: FieldKind; box: Box }[];
}

export interface TableGrid {
	/** Entries on a page: one per row group under the header. */
	entries: number;
	/** Vertical rules as fractions [0,1] of the table's width, outer edges included. */
	columns: number[];
}
