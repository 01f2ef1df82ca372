/** How non-featured participants' video tiles are shaped in a grid layout. */
export enum VideoAspectRatio {
  /** Chosen from the participants' video. */
  AUTO = 'AUTO',
  /** 16:9 (the service's default). */
  VIDEO = 'VIDEO',
  /** 1:1. */
  SQUARE = 'SQUARE',
  /** 3:4. */
  PORTRAIT = 'PORTRAIT',
}

/** How video fits its tile. */
export enum VideoFillMode {
  /** Stretched. */
  FILL = 'FILL',
  /** Cropped. */
  COVER = 'COVER',
  /** Letterboxed. */
  CONTAIN = 'CONTAIN',
}

/** What the picture-in-picture window does when all other participants have left. */
export enum PipBehavior {
  /** It keeps its position and size (the service's default). */
  STATIC = 'STATIC',
  /** It expands to the whole composition. */
  DYNAMIC = 'DYNAMIC',
}

/** The corner of the picture-in-picture window. */
export enum PipPosition {
  /** Top left. */
  TOP_LEFT = 'TOP_LEFT',
  /** Top right. */
  TOP_RIGHT = 'TOP_RIGHT',
  /** Bottom left. */
  BOTTOM_LEFT = 'BOTTOM_LEFT',
  /** Bottom right (the service's default). */
  BOTTOM_RIGHT = 'BOTTOM_RIGHT',
}

/** Options both layouts have. */
export interface LayoutOptions {
  /**
   * The participant attribute that marks the featured participant: a
   * participant whose token sets this attribute to `"true"` gets the featured
   * slot. Up to 128 characters of `[a-zA-Z0-9-_]`.
   *
   * @default - no featured participant
   */
  readonly featuredParticipantAttribute?: string;

  /**
   * Whether participants whose video is stopped are left out.
   *
   * @default false
   */
  readonly omitStoppedVideo?: boolean;

  /**
   * How video fits its tile.
   *
   * @default - COVER for grid tiles and picture-in-picture, CONTAIN for the featured participant of a grid
   */
  readonly videoFillMode?: VideoFillMode;

  /**
   * The space between tiles, in pixels (0 or more).
   *
   * @default - 2 for a grid, 0 for picture-in-picture (the service's defaults)
   */
  readonly gridGap?: number;
}

/** Options of a grid layout. */
export interface GridLayoutOptions extends LayoutOptions {
  /**
   * The shape of non-featured participants' tiles.
   *
   * @default VideoAspectRatio.VIDEO
   */
  readonly videoAspectRatio?: VideoAspectRatio;
}

/** Options of a picture-in-picture layout. */
export interface PipLayoutOptions extends LayoutOptions {
  /**
   * The participant attribute that marks the participant shown in the
   * picture-in-picture window (set to `"true"` in the participant's token).
   * Up to 128 characters of `[a-zA-Z0-9-_]`.
   *
   * @default - no picture-in-picture participant
   */
  readonly pipParticipantAttribute?: string;

  /**
   * What the window does when all other participants have left.
   *
   * @default PipBehavior.STATIC
   */
  readonly pipBehavior?: PipBehavior;

  /**
   * The window's distance from the closest edges, in pixels (0 or more).
   *
   * @default 0
   */
  readonly pipOffset?: number;

  /**
   * The corner the window is in.
   *
   * @default PipPosition.BOTTOM_RIGHT
   */
  readonly pipPosition?: PipPosition;

  /**
   * The window's width, in pixels (1 or more).
   *
   * @default - from the composition's size and the participant's aspect ratio
   */
  readonly pipWidth?: number;

  /**
   * The window's height, in pixels (1 or more).
   *
   * @default - from the composition's size and the participant's aspect ratio
   */
  readonly pipHeight?: number;
}

/** The layout of a composition: a grid or picture-in-picture, never both. */
export class CompositionLayout {
  /** All participants in a grid, optionally with a featured participant. */
  public static grid(options: GridLayoutOptions = {}): CompositionLayout {
    return new CompositionLayout(options, undefined);
  }

  /** One participant in a window over the featured participant. */
  public static pip(options: PipLayoutOptions = {}): CompositionLayout {
    return new CompositionLayout(undefined, options);
  }

  private constructor(
    /** The grid options, for a grid layout. */
    public readonly gridOptions?: GridLayoutOptions,
    /** The picture-in-picture options, for a picture-in-picture layout. */
    public readonly pipOptions?: PipLayoutOptions,
  ) {}
}
