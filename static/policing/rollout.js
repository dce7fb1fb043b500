// The CAG rollout map (offline outline of Azerbaijan, no tile server) and the establishment timeline chart.
(function () {
  "use strict";
  var dataNode = document.getElementById("cag-data");
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var colours = { active: "#198754", planned: "#6c757d", dormant: "#fd7e14" };

  var mapNode = document.getElementById("cag-map");
  if (mapNode && window.L) {
    var map = L.map(mapNode, { attributionControl: false, zoomSnap: 0.25 }).setView([40.3, 47.7], 7);
    fetch(mapNode.dataset.outline)
      .then(function (response) { return response.json(); })
      .then(function (outline) {
        var layer = L.geoJSON(outline, { style: { color: "#1f4e79", weight: 1, fillColor: "#dbe7f3", fillOpacity: 0.8 } });
        layer.addTo(map);
        map.fitBounds(layer.getBounds());
        layer.bringToBack();
      })
      .catch(function () { /* the points still show without the outline */ });
    data.points.forEach(function (point) {
      L.circleMarker([point.lat, point.lng], {
        radius: 8,
        color: point.silent ? "#dc3545" : "#ffffff",
        weight: point.silent ? 3 : 1,
        fillColor: colours[point.status] || "#0d6efd",
        fillOpacity: 0.9
      }).bindTooltip(window.portalTextNode(point.name + " · " + point.status_label)).addTo(map);
    });
  }

  var chartNode = document.getElementById("cag-timeline");
  if (chartNode && window.Chart && data.timeline.length) {
    new Chart(chartNode, {
      type: "line",
      data: {
        labels: data.timeline.map(function (row) { return row.year; }),
        datasets: [{ label: chartNode.getAttribute("aria-label"), data: data.timeline.map(function (row) { return row.groups; }),
          stepped: true, borderColor: "#1f4e79", backgroundColor: "#1f4e79" }]
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
})();
