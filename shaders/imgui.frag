// imgui.frag: vertex colour times the font atlas, as in imgui_impl_opengl3's GLSL 300 es
// program. Untextured shapes (Frag_Solid) skip the texture fetch: their uv is the centre of a
// white texel, which samples to exactly 1.0, so the result is the same; in software WebGL
// (SwiftShader) the skipped fetch is a third of the UI's rasterization cost.
precision mediump float;
uniform sampler2D Texture;
in vec2 Frag_UV;
in vec4 Frag_Color;
flat in float Frag_Solid;
layout (location = 0) out vec4 Out_Color;
void main() {
  if (Frag_Solid > 0.5) {
    Out_Color = Frag_Color;
  } else {
    Out_Color = Frag_Color * texture(Texture, Frag_UV.st);
  }
}
