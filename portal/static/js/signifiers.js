// Signifier inputs, enhanced: sliders remember that they were set; triads take click, drag,
// touch and arrow keys and stay in sync with their three number fields (which work without JS).

const CORNERS = { a: [50, 6], b: [6, 84], c: [94, 84] };
const PARTS = ["a", "b", "c"];

function enhanceSlider(root) {
  const input = root.querySelector("input[type=range]");
  const flag = root.parentElement.querySelector("[data-slider-set]");
  const output = root.parentElement.querySelector("output");
  const na = root.parentElement.querySelector("input[name$='-na']");
  const mark = () => {
    flag.value = "1";
    input.classList.remove("slider__input--unset");
    output.textContent = input.value;
    if (na) na.checked = false;
  };
  if (flag.hasAttribute("data-initially-set")) flag.value = "1";
  else input.classList.add("slider__input--unset");
  input.addEventListener("input", mark);
  input.addEventListener("change", mark);
  // A click on the thumb where it already is, or a key that keeps the value, counts too.
  input.addEventListener("pointerup", mark);
  input.addEventListener("keydown", (event) => {
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(event.key)) {
      mark();
    }
  });
}

// Shares (0–100 each, summing to 100) from a point, clamped into the triangle.
function sharesFromPoint(x, y) {
  const [ax, ay] = CORNERS.a;
  const [bx, by] = CORNERS.b;
  const [cx, cy] = CORNERS.c;
  const det = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
  let wa = ((by - cy) * (x - cx) + (cx - bx) * (y - cy)) / det;
  let wb = ((cy - ay) * (x - cx) + (ax - cx) * (y - cy)) / det;
  let wc = 1 - wa - wb;
  [wa, wb, wc] = [wa, wb, wc].map((w) => Math.max(0, w));
  const sum = wa + wb + wc;
  return roundTo100([wa / sum, wb / sum, wc / sum]);
}

// Largest-remainder rounding: whole percentages that always add up to 100.
function roundTo100(weights) {
  const raw = weights.map((w) => w * 100);
  const floors = raw.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - floors[i], i]).sort((p, q) => q[0] - p[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return { a: floors[0], b: floors[1], c: floors[2] };
}

function pointFromShares(shares) {
  let x = 0;
  let y = 0;
  for (const part of PARTS) {
    x += (CORNERS[part][0] * shares[part]) / 100;
    y += (CORNERS[part][1] * shares[part]) / 100;
  }
  return [x, y];
}

function enhanceTriad(fieldset) {
  const widget = fieldset.querySelector("[data-triad-widget]");
  const svg = fieldset.querySelector("[data-triad-svg]");
  const point = fieldset.querySelector("[data-triad-point]");
  const live = fieldset.querySelector("[data-triad-live]");
  const inputs = Object.fromEntries(
    [...fieldset.querySelectorAll("input[data-part]")].map((el) => [el.dataset.part, el]),
  );
  const na = fieldset.querySelector("input[name$='-na']");
  let current = null;

  const fromInputs = () => {
    const values = PARTS.map((p) => Number.parseInt(inputs[p].value, 10));
    if (values.some((v) => Number.isNaN(v) || v < 0 || v > 100)) return null;
    if (values.reduce((a, b) => a + b, 0) !== 100) return null;
    return { a: values[0], b: values[1], c: values[2] };
  };

  const show = (shares, { announce = true, write = true } = {}) => {
    current = shares;
    const [x, y] = pointFromShares(shares);
    point.setAttribute("cx", x.toFixed(1));
    point.setAttribute("cy", y.toFixed(1));
    point.classList.remove("triad__point--unset");
    if (write) for (const p of PARTS) inputs[p].value = shares[p];
    if (na && write) na.checked = false;
    if (announce) {
      live.textContent = PARTS.map((p) => `${inputs[p].dataset.label} ${shares[p]}%`).join(", ");
    }
  };

  const toSvgPoint = (event) => {
    const box = svg.getBoundingClientRect();
    return [((event.clientX - box.left) / box.width) * 100, ((event.clientY - box.top) / box.height) * 90];
  };

  let dragging = false;
  svg.addEventListener("pointerdown", (event) => {
    dragging = true;
    svg.setPointerCapture(event.pointerId);
    show(sharesFromPoint(...toSvgPoint(event)));
    event.preventDefault();
  });
  svg.addEventListener("pointermove", (event) => {
    if (dragging) show(sharesFromPoint(...toSvgPoint(event)), { announce: false });
  });
  const stop = () => {
    if (dragging && current) show(current);
    dragging = false;
  };
  svg.addEventListener("pointerup", stop);
  svg.addEventListener("pointercancel", stop);

  const STEP = 2;
  svg.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    if (event.key === "Home") {
      show({ a: 34, b: 33, c: 33 });
    } else if (moves[event.key]) {
      const [x, y] = pointFromShares(current || { a: 34, b: 33, c: 33 });
      const [dx, dy] = moves[event.key];
      show(sharesFromPoint(x + dx, y + dy));
    } else {
      return;
    }
    event.preventDefault();
  });

  for (const p of PARTS) {
    inputs[p].addEventListener("input", () => {
      const shares = fromInputs();
      if (shares) show(shares, { write: false });
    });
  }

  widget.hidden = false;
  const initial = fromInputs();
  if (initial) show(initial, { announce: false, write: false });
  else point.classList.add("triad__point--unset");
}

document.querySelectorAll("[data-slider]").forEach(enhanceSlider);
document.querySelectorAll("[data-triad]").forEach(enhanceTriad);
// A team session swaps its live region in place (team_session.js): enhance the new questions.
document.addEventListener("session:updated", (event) => {
  event.target.querySelectorAll("[data-slider]").forEach(enhanceSlider);
  event.target.querySelectorAll("[data-triad]").forEach(enhanceTriad);
});
