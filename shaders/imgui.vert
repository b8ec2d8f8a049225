// imgui.vert: Dear ImGui's vertices (ImDrawVert: position in pixels, font-atlas uv, RGBA8
// colour) through an orthographic projection of the display rectangle, as imgui_impl_opengl3's
// GLSL 300 es program does; attribute locations are fixed. Frag_Solid marks triangles whose uv
// is the atlas's white texel (WhiteUV; (-1, -1) for other textures), i.e. untextured shapes.
precision highp float;
layout (location = 0) in vec2 Position;
layout (location = 1) in vec2 UV;
layout (location = 2) in vec4 Color;
uniform mat4 ProjMtx;
uniform vec2 WhiteUV;
out vec2 Frag_UV;
out vec4 Frag_Color;
flat out float Frag_Solid;
void main() {
  Frag_UV = UV;
  Frag_Color = Color;
  Frag_Solid = UV == WhiteUV ? 1.0 : 0.0;
  gl_Position = ProjMtx * vec4(Position.xy, 0, 1);
}
