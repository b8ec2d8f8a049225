// quad.vert: a rectangle covering the current viewport, with no vertex buffer: the four
// corners come from gl_VertexID (TRIANGLE_STRIP). v_uv runs 0..1 left-right, top-bottom.
out vec2 v_uv;
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  v_uv = vec2(corner.x, 1.0 - corner.y);
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
