// Where it hurts: a map of the foot, drawn here in five views (sole, back,
// inner side, outer side, top), with one region per location symptom.
//
// The places, their words and the view each belongs to come from the
// core's interview step (`step.places`); this file only knows where on its
// own drawing each place sits. A place the drawing has no region for is
// still offered in the list below the map, so nothing the core asks is
// lost to the drawing.

const SVG = "http://www.w3.org/2000/svg";

/** Each view: its caption, viewBox, outline and the side labels. */
const VIEWS = {
  sole: {
    caption: "Underneath (the sole)",
    box: [0, 0, 120, 222],
    // The top-view outline mirrored: from below the big toe is on the other side.
    mirror: true,
    outline: "top",
    sides: [["outer side", 4, 218, "start"], ["inner side", 116, 218, "end"]],
  },
  top: {
    caption: "On top",
    box: [0, 0, 120, 222],
    outline: "top",
    sides: [["inner side", 4, 218, "start"], ["outer side", 116, 218, "end"]],
  },
  back: {
    caption: "From behind",
    box: [0, 0, 120, 222],
    outline: "back",
    sides: [],
  },
  inner: {
    caption: "The inner side (big toe side)",
    box: [0, 0, 240, 130],
    outline: "side",
    sides: [["heel", 30, 126, "middle"], ["toes", 224, 86, "middle"]],
  },
  outer: {
    caption: "The outer side (little toe side)",
    box: [0, 0, 240, 130],
    mirror: true,
    outline: "side",
    sides: [["toes", 16, 86, "middle"], ["heel", 210, 126, "middle"]],
  },
};

/** The outlines: plain strokes, no shading. */
const OUTLINES = {
  top: [
    "M62 212C44 212 38 196 40 176C42 150 30 118 22 90C16 70 22 56 36 54L96 64C106 68 106 84 102 100C96 130 88 160 86 180C84 200 78 212 62 212Z",
    ["ellipse", 32, 34, 12, 16],
    ["ellipse", 54, 38, 8, 11],
    ["ellipse", 70, 44, 7, 10],
    ["ellipse", 84, 51, 6, 9],
    ["ellipse", 96, 60, 5.5, 8],
  ],
  back: [
    "M44 8L45 120C45 146 34 168 37 188C40 210 80 210 83 188C86 168 75 146 75 120L76 8",
    "M56 60C56 100 55 150 54 176M64 60C64 100 65 150 66 176",
  ],
  side: [
    "M34 2L36 62C30 80 20 100 28 112C38 124 70 122 92 112C120 102 150 104 176 112C196 118 226 118 233 110C237 101 229 95 214 93C180 87 130 70 98 58L88 2",
    ["circle", 64, 60, 8],
  ],
};

/**
 * Where each location symptom sits, per view: [shape, …geometry] in the
 * view's own coordinates (after its mirror, if any).
 */
const REGIONS = {
  sole: {
    pain_under_heel: ["circle", 74, 168, 15],
    pain_heel_centre: ["circle", 57, 196, 15],
    pain_between_toes: ["circle", 40, 72, 14],
    pain_under_second_toe_joint: ["circle", 70, 74, 14],
  },
  top: {
    pain_top_of_big_toe_joint: ["circle", 34, 70, 13],
    pain_top_of_midfoot: ["ellipse", 62, 118, 22, 18],
    pain_ankle_joint: ["ellipse", 62, 186, 20, 13],
    pain_between_toes: ["circle", 78, 72, 11],
    pain_bunion: ["circle", 18, 82, 11],
  },
  back: {
    pain_achilles_above_heel: ["ellipse", 60, 128, 15, 22],
    pain_back_of_heel: ["ellipse", 60, 182, 17, 14],
    pain_under_heel: ["ellipse", 60, 206, 16, 7],
  },
  inner: {
    pain_inner_ankle: ["ellipse", 62, 84, 20, 17],
    pain_bunion: ["circle", 200, 104, 17],
    pain_back_of_heel: ["circle", 28, 92, 11],
    pain_achilles_above_heel: ["ellipse", 40, 40, 8, 16],
    pain_top_of_midfoot: ["ellipse", 134, 80, 18, 12],
  },
  outer: {
    pain_outer_ankle: ["ellipse", 178, 84, 20, 17],
    pain_back_of_heel: ["circle", 212, 92, 11],
    pain_achilles_above_heel: ["ellipse", 200, 40, 8, 16],
  },
};

// Drawn in this order: the two views from above and below side by side on
// a phone, then the wide side views, then the back.
const VIEW_ORDER = ["sole", "top", "inner", "outer", "back"];

function el(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

function shape([kind, ...g]) {
  if (kind === "circle") return el("circle", { cx: g[0], cy: g[1], r: g[2] });
  if (kind === "ellipse") return el("ellipse", { cx: g[0], cy: g[1], rx: g[2], ry: g[3] });
  return el("path", { d: kind });
}

function outline(view) {
  const spec = VIEWS[view];
  const g = el("g", { class: "outline", "aria-hidden": "true" });
  if (spec.mirror) g.setAttribute("transform", `translate(${spec.box[2]} 0) scale(-1 1)`);
  for (const part of OUTLINES[spec.outline]) g.append(typeof part === "string" ? shape([part]) : shape(part));
  const labels = el("g", { class: "side-labels", "aria-hidden": "true" });
  for (const [text, x, y, anchor] of spec.sides) {
    const t = el("text", { x, y, "text-anchor": anchor });
    t.textContent = text;
    labels.append(t);
  }
  return [g, labels];
}

/**
 * Draws the map for `places` ([{ symptom, label, view }]) into `root`,
 * with `chosen` (a Set of symptom names) kept in step with the list.
 * Returns { sync } to redraw the pressed state after the list changed it.
 */
export function footMap(root, places, chosen, onChange) {
  const regions = [];
  const views = VIEW_ORDER.filter((v) => places.some((p) => p.view === v));
  const wrap = document.createElement("div");
  wrap.className = "footmap";
  for (const view of views) {
    const spec = VIEWS[view];
    if (!spec) continue;
    const figure = document.createElement("figure");
    figure.className = `view view-${view}`;
    const captionId = `view-${view}-caption`;
    const svg = el("svg", {
      viewBox: spec.box.join(" "),
      role: "group",
      "aria-labelledby": captionId,
      class: spec.box[2] > spec.box[3] ? "wide" : "tall",
    });
    svg.append(...outline(view));
    for (const place of places.filter((p) => p.view === view)) {
      const geometry = REGIONS[view]?.[place.symptom];
      if (!geometry) continue;
      const region = el("g", {
        class: "region",
        role: "button",
        tabindex: "0",
        "aria-label": place.label,
        "data-symptom": place.symptom,
        "aria-pressed": String(chosen.has(place.symptom)),
      });
      const title = el("title");
      title.textContent = place.label;
      const area = shape(geometry);
      area.setAttribute("class", "area");
      // A tick inside the region: pressed is never shown by colour alone.
      const [, cx, cy] = geometry;
      const tick = el("path", { class: "tick", d: `M${cx - 6} ${cy}l4 5l9-10` });
      region.append(title, area, tick);
      const toggle = () => {
        if (chosen.has(place.symptom)) chosen.delete(place.symptom);
        else chosen.add(place.symptom);
        onChange();
      };
      region.addEventListener("click", toggle);
      region.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          toggle();
        }
      });
      regions.push(region);
      svg.append(region);
    }
    const caption = document.createElement("figcaption");
    caption.id = captionId;
    caption.textContent = spec.caption;
    figure.append(svg, caption);
    wrap.append(figure);
  }
  root.append(wrap);
  return {
    sync() {
      for (const r of regions) r.setAttribute("aria-pressed", String(chosen.has(r.dataset.symptom)));
    },
  };
}

/** The views and regions drawn here, for the tests. */
export const DRAWN = Object.fromEntries(Object.entries(REGIONS).map(([v, r]) => [v, Object.keys(r)]));
