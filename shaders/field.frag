// field.frag: draws a (cols x rows) field of unit values as cells through a colour map, with
// thin cell borders when cells are large and an outline around one highlighted cell.
// u_values: R32F texture, one texel per cell, row 0 at the top.
// u_map: 0 = spins (-1 paper .. +1 ink), 1 = diverging (-u_range blue .. 0 white .. +u_range red),
//        2 = sequential (0 white .. 1 deep blue, probabilities and pixel intensities).
precision highp float;
precision highp int;
in vec2 v_uv;
out vec4 frag;
uniform sampler2D u_values;
uniform ivec2 u_cells;       // (cols, rows)
uniform int u_map;
uniform float u_range;       // |value| that saturates the diverging map
uniform int u_highlight;     // cell index (row * cols + col) to outline, -1 for none
uniform vec2 u_pixels;       // size of the drawn rectangle in device pixels
uniform float u_grid;        // 1 = draw cell borders when cells are big enough

vec3 spin_map(float v) {
  vec3 paper = vec3(0.975, 0.972, 0.96);
  vec3 ink = vec3(0.14, 0.23, 0.38);
  return mix(paper, ink, clamp(0.5 * (v + 1.0), 0.0, 1.0));
}
vec3 diverging_map(float v) {
  float t = clamp(v / max(u_range, 1e-6), -1.0, 1.0);
  vec3 neg = vec3(0.19, 0.40, 0.68);
  vec3 mid = vec3(0.97, 0.97, 0.96);
  vec3 pos = vec3(0.75, 0.25, 0.20);
  return t < 0.0 ? mix(mid, neg, -t) : mix(mid, pos, t);
}
vec3 sequential_map(float v) {
  float t = clamp(v, 0.0, 1.0);
  vec3 a = vec3(0.985, 0.985, 0.975);
  vec3 b = vec3(0.42, 0.60, 0.80);
  vec3 c = vec3(0.08, 0.16, 0.33);
  return t < 0.5 ? mix(a, b, t * 2.0) : mix(b, c, t * 2.0 - 1.0);
}

void main() {
  vec2 cellf = v_uv * vec2(u_cells);
  ivec2 cell = clamp(ivec2(floor(cellf)), ivec2(0), u_cells - 1);
  float v = texelFetch(u_values, cell, 0).r;
  vec3 col = u_map == 0 ? spin_map(v) : (u_map == 1 ? diverging_map(v) : sequential_map(v));
  vec2 cell_px = u_pixels / vec2(u_cells);
  vec2 in_cell = fract(cellf) * cell_px;  // pixel position inside the cell
  if (u_grid > 0.5 && min(cell_px.x, cell_px.y) >= 8.0) {
    float edge = min(min(in_cell.x, in_cell.y), min(cell_px.x - in_cell.x, cell_px.y - in_cell.y));
    col = mix(col, vec3(0.80, 0.81, 0.83), 1.0 - smoothstep(0.0, 1.0, edge));
  }
  if (cell.y * u_cells.x + cell.x == u_highlight) {
    float edge = min(min(in_cell.x, in_cell.y), min(cell_px.x - in_cell.x, cell_px.y - in_cell.y));
    float ring = max(2.0, 0.12 * min(cell_px.x, cell_px.y));
    if (edge < ring) col = vec3(0.90, 0.50, 0.13);
  }
  frag = vec4(col, 1.0);
}
